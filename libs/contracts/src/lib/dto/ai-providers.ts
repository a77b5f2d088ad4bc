/** Who can write AI suggestions (its own file so campaign DTOs can name it without an import cycle). */
export const AI_PROVIDERS = ['gemini', 'offline'] as const;
export type AiProviderName = (typeof AI_PROVIDERS)[number];
