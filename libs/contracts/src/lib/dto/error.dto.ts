export class FieldIssueDto {
  /** Field path, e.g. `rules[1].value` or `email`. */
  path!: string;
  message!: string;
}

export class ErrorDto {
  statusCode!: number;
  error!: string;
  message!: string;
  details?: FieldIssueDto[];
}
