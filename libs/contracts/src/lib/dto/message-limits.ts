/** Longest SMS text accepted (it is also measured in segments). */
export const SMS_MESSAGE_MAX = 10_000;

/** Longest message body accepted on any channel: an email's HTML (Gmail clips over 102 KB; the console warns). */
export const CAMPAIGN_MESSAGE_MAX = 200_000;

/** Longest email preheader (inbox preview text; clients show 40–130 characters). */
export const PREHEADER_MAX = 200;
