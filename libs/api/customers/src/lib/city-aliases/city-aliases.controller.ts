import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CityAliasListDto, CityAliasSavedDto, SaveCityAliasDto } from '@mini-crm/contracts';
import { AuthUser, CurrentUser, Can } from '@mini-crm/api/core';
import { CityAliasesService } from './city-aliases.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings/city-aliases')
export class CityAliasesController {
  constructor(private readonly aliases: CityAliasesService) {}

  @Get()
  @Can('settings.manage')
  @ApiOperation({ summary: 'City aliases: the admin-defined ones first, then the built-in ones (admin)' })
  @ApiOkResponse({ type: CityAliasListDto })
  list(): Promise<CityAliasListDto> {
    return this.aliases.list();
  }

  @Put(':alias')
  @Can('settings.manage')
  @ApiOperation({
    summary:
      'Add or change a city alias (admin); stored customers whose city is the alias (any case) move to the city in the same request',
  })
  @ApiOkResponse({ type: CityAliasSavedDto })
  @ApiBadRequestResponse({ description: 'Empty or too long alias/city, or an alias chain' })
  @ApiConflictResponse({ description: 'The alias is built in' })
  save(
    @Param('alias') alias: string,
    @Body() body: SaveCityAliasDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<CityAliasSavedDto> {
    return this.aliases.save(alias, body.city, actor);
  }

  @Delete(':alias')
  @Can('settings.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an admin-defined city alias (admin); stored cities stay as they are' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such admin-defined alias' })
  @ApiConflictResponse({ description: 'The alias is built in' })
  async remove(@Param('alias') alias: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.aliases.remove(alias, actor);
  }
}
