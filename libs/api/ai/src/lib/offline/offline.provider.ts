import type { SegmentGroup } from '@mini-crm/contracts';
import type {
  AiProvider,
  MessageOption,
  MessageSuggestionRequest,
  SegmentRulesRequest,
} from '../providers/ai-provider.types';
import { checkMessageOptions } from '../providers/message-checks.util';
import { composeMessageDrafts } from './message-composer.util';
import { parseSegmentPhrase } from './segment-phrase-parser.util';

/**
 * Answers without any network: template-built messages and a phrase parser for audience
 * descriptions. Deterministic — the same request always gets the same answer.
 */
export class OfflineAiProvider implements AiProvider {
  readonly name = 'offline' as const;

  /** @param now the clock relative dates in descriptions resolve against (injected by tests). */
  constructor(private readonly now: () => Date = () => new Date()) {}

  async suggestMessages(req: MessageSuggestionRequest): Promise<MessageOption[]> {
    return checkMessageOptions(composeMessageDrafts(req), req);
  }

  /** A repair request gets the same parse: this parser only emits ASTs it knows are valid. */
  async segmentRulesFromText(req: SegmentRulesRequest): Promise<SegmentGroup> {
    return parseSegmentPhrase(req.text, { now: req.now ?? this.now(), campaigns: req.campaigns });
  }
}
