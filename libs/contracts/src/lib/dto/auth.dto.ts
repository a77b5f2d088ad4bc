import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { Role, UserStatus } from '../roles';

export class UserDto {
  /** UUID */
  id!: string;
  email!: string;
  name!: string;
  avatar?: string | null;
  /** admin | marketer | viewer */
  role!: Role;
  /** `status === 'active'` */
  active!: boolean;
  /** active | pending (waiting for an admin's approval) | rejected | deactivated */
  status!: UserStatus;
  createdAt!: string;
  lastLoginAt?: string | null;
}

export class AuthTokensDto {
  /** JWT access token, valid 15 minutes; send as `Authorization: Bearer …`. */
  accessToken!: string;
  /** Opaque refresh token; single use, rotated by POST /api/auth/refresh. */
  refreshToken!: string;
  /** Seconds until the access token expires. */
  expiresIn!: number;
  user!: UserDto;
}

export class DevLoginDto {
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  name?: string;
}

export class RefreshTokenDto {
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

export class ExchangeCodeDto {
  /** One-time code from the Google redirect (single use, 60 s). */
  @IsString()
  @Length(20, 200)
  code!: string;
}

export class GoogleIdTokenDto {
  /** The credential (ID token) the Google Identity Services button returns. */
  @IsString()
  @Length(20, 8192)
  credential!: string;
}

/** How the console shows numbers, amounts and dates (DEFAULT_LOCALE, DEFAULT_CURRENCY). */
export class DisplaySettingsDto {
  /** BCP 47 locale, e.g. `en-IN`. */
  locale!: string;
  /** ISO 4217 code of amounts without their own currency, e.g. `INR`. */
  currency!: string;
}

export class AuthProvidersDto {
  google!: boolean;
  googleClientId?: string | null;
  devLogin!: boolean;
  /** The workspace's display settings, so the console formats like the messages do (public, read before sign-in). */
  display!: DisplaySettingsDto;
}
