/**
 * Speech recognition (docs/products/speak.md, Speech recognition): no recognition model ships
 * through the package registries, so clients send the transcript with the audio (e.g. from the
 * browser's Web Speech API). A hosted recogniser would implement this interface; the default says
 * plainly that none is configured.
 */
import { validationFailed } from '../../kernel/errors.ts';

export interface Transcriber {
  readonly name: string;
  /** The text of a recording, in the given language. */
  transcribe(audio: { bytes: Buffer; contentType: string }, language: string): Promise<string>;
}

export const notConfiguredTranscriber: Transcriber = {
  name: 'none',
  async transcribe() {
    throw validationFailed(
      '/body/text',
      'is required: this server has no speech recogniser, so send the transcript with the audio',
    );
  },
};
