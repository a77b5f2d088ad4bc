import { IsString, Matches, MaxLength } from 'class-validator';

/** Longest alias or city name an admin can store. */
export const CITY_NAME_MAX = 100;

/** Body of `PUT /api/settings/city-aliases/:alias`: the city the alias stands for. */
export class SaveCityAliasDto {
  /** Display name, e.g. `Mumbai`; cased and trimmed like an imported city. */
  @IsString({ message: 'city must be text' })
  @MaxLength(CITY_NAME_MAX, { message: `city is too long (${CITY_NAME_MAX} characters at most)` })
  @Matches(/\p{L}/u, { message: 'city must contain a letter' })
  city!: string;
}

/** One alias: `alias` (lower case) is read as `city`. Built-in aliases ship with the product and cannot be changed. */
export class CityAliasDto {
  alias!: string;
  city!: string;
  builtIn!: boolean;
  updatedAt!: string | null;
}

export class CityAliasListDto {
  items!: CityAliasDto[];
}

/** A saved alias and how many stored customers it moved to the city (a set-based update in the same request). */
export class CityAliasSavedDto extends CityAliasDto {
  customersUpdated!: number;
}
