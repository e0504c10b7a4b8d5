/** What a `speak.reply` job produces: the partner's reply to a learner turn, voiced. */
import Type from 'typebox';
import { defineJob } from '../job.ts';
import { named } from '../schema.ts';

export const SPEAK_REPLY_JOB = 'speak.reply' as const;

export const speakReplyResultExample = {
  messageId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  audioFileId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  suggestionMessageId: null,
};

export const SpeakReplyResult = named(
  'SpeakReplyResult',
  Type.Object(
    {
      messageId: Type.String({ format: 'uuid', description: 'The `ai_response` message.' }),
      audioFileId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description: 'The voiced reply, a WAV file (`GET /v1/files/{id}`); null when it could not be voiced.',
      }),
      suggestionMessageId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description: "The `script_suggestion` message with the learner's next line, when a script has one.",
      }),
    },
    { additionalProperties: false },
  ),
  { description: 'The result of a succeeded `speak.reply` job.', example: speakReplyResultExample },
);

export const replyJob = defineJob({
  type: SPEAK_REPLY_JOB,
  payload: Type.Object({
    /** The conversation, and the learner message the reply answers. */
    conversationId: Type.String({ format: 'uuid' }),
    messageId: Type.String({ format: 'uuid' }),
  }),
  result: SpeakReplyResult,
  resultExample: speakReplyResultExample,
});
