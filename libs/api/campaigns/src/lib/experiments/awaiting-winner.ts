/** Remainder messages wait for the winner with this `send_after`: never due, so no send job, waker or resume sends them. */
export const AWAITING_WINNER = '9999-01-01T00:00:00.000Z';
