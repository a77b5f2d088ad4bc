import { STATUS_CODES } from 'node:http';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The one error shape every response uses: `{ statusCode, error, message, details? }`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

export function errorBody(statusCode: number, message: string, details?: unknown): ErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details !== undefined ? { details } : {}),
  };
}
