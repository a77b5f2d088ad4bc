// The compose folder's last two names for segment-field constants, kept until compose reads them from
// @mini-crm/contracts itself (it moves to the shared message-text lib); nothing else should import this file.
export {
  ATTRIBUTE_FIELD_PREFIX as ATTRIBUTE_PREFIX,
  ATTRIBUTE_KEY_PATTERN as ATTRIBUTE_KEY_RE,
} from '@mini-crm/contracts';
