import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { WINDOW_TIME_PATTERN } from '../sending-window/sending-window';

/** The property must differ from the sibling property `other` (a window from 09:00 to 09:00 is no window). */
function DiffersFrom(other: string, message: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'differsFrom',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: { message },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value !== (args.object as Record<string, unknown>)[args.constraints[0] as string],
      },
    });
}

/** Local times of day, in the recipient's time zone, between which messages may be sent. */
export class SendingWindowDto {
  /** Opening time, `HH:MM` (24-hour), e.g. `09:00`. */
  @IsString({ message: 'start must be a time such as 09:00' })
  @Matches(WINDOW_TIME_PATTERN, { message: 'start must be a time such as 09:00 (24-hour HH:MM)' })
  start!: string;

  /** Closing time, `HH:MM` (24-hour), e.g. `21:00`; before `start` when the window runs past midnight. */
  @IsString({ message: 'end must be a time such as 21:00' })
  @Matches(WINDOW_TIME_PATTERN, { message: 'end must be a time such as 21:00 (24-hour HH:MM)' })
  @DiffersFrom('start', 'end must differ from start')
  end!: string;
}

export const SENDING_SETTING_SOURCES = ['settings', 'config'] as const;
export type SendingSettingSource = (typeof SENDING_SETTING_SOURCES)[number];

/** Where each sending setting comes from. */
export class SendingSettingsSourceDto {
  timeZone!: SendingSettingSource;
  sms!: SendingSettingSource;
  email!: SendingSettingSource;
}

/** The workspace's effective sending settings. */
export class SendingWindowSettingsDto {
  /** IANA zone used for recipients whose zone is unknown (no timezone attribute, country or phone country). */
  timeZone!: string;
  /** Default SMS window; null: SMS may be sent at any time. Campaigns may override it. */
  sms!: SendingWindowDto | null;
  /** Default email window; null: any time. */
  email!: SendingWindowDto | null;
  /** Where each value comes from: `settings` (edited by an admin) or `config` (environment). */
  source!: SendingSettingsSourceDto;
  updatedAt?: string | null;
}

/** Admin edit of the workspace sending settings; omitted fields keep their value, null turns a window off. */
export class UpdateSendingWindowSettingsDto {
  /** IANA time zone name, e.g. `Asia/Kolkata`. */
  @IsOptional()
  @IsString({ message: 'timeZone must be an IANA time zone such as Asia/Kolkata' })
  @MaxLength(64)
  timeZone?: string;

  @IsOptional()
  @IsObject({ message: 'sms must be { start, end } or null' })
  @ValidateNested()
  @Type(() => SendingWindowDto)
  sms?: SendingWindowDto | null;

  @IsOptional()
  @IsObject({ message: 'email must be { start, end } or null' })
  @ValidateNested()
  @Type(() => SendingWindowDto)
  email?: SendingWindowDto | null;
}
