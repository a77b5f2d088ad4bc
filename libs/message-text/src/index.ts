export {
  compileTemplate,
  findTokens,
  replaceTokens,
  tokenNames,
  tokenText,
  unknownTokenNames,
  type CompiledTemplate,
  type TemplatePart,
  type TemplateToken,
  type TokenMatch,
} from './lib/template.util';
export { escapeHtml, renderTemplate, renderWithFallbacks } from './lib/render.util';
export { smsLength, unitsLeft, type SmsEncoding, type SmsLength } from './lib/sms-length.util';
export {
  createValueDisplay,
  type DisplayKind,
  type DisplaySettings,
  type ValueDisplay,
} from './lib/display-value.util';
export {
  emailDocument,
  emailWarnings,
  GMAIL_CLIP_BYTES,
  preheaderHtml,
  UNSUBSCRIBE_TOKEN,
  utf8Bytes,
} from './lib/email-document.util';
export { STARTER_TEMPLATES, type StarterTemplate } from './lib/starter-templates';
