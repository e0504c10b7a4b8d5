/**
 * eSpeak NG compiled to WebAssembly (npm `espeak-ng`, GPL-3.0-or-later): its command-line program
 * run in memory, `-w` writing a WAV (16-bit mono PCM, 22 050 Hz) to the module's in-memory file
 * system. The text goes through a file (`-f`), never the argument list, so a line starting with `-`
 * cannot be read as an option. One run instantiates the 18 MB module (~0.3 s on one core): callers
 * run it on a worker thread (kernel/threads).
 */

export interface SpeechRequest {
  text: string;
  /** An eSpeak NG voice name, e.g. `en-us`, `ja`. */
  voice: string;
  /** Words per minute, 80–450 (eSpeak NG's `-s`). */
  wordsPerMinute: number;
}

const ESPEAK_NG = 'espeak-ng';

interface EmscriptenModule {
  FS: { writeFile(path: string, data: string): void; readFile(path: string): Uint8Array };
}

/** The Emscripten factory `espeak-ng` exports: instantiating the module runs the CLI's main with `arguments`. */
type ESpeakNgFactory = (options: {
  arguments: string[];
  preRun: ((module: EmscriptenModule) => void)[];
  print: (line: string) => void;
  printErr: (line: string) => void;
}) => Promise<EmscriptenModule>;

export async function espeakWav(request: SpeechRequest): Promise<Uint8Array> {
  // A computed specifier: the package ships no types, so its factory's are declared here.
  const { default: ESpeakNg } = (await import(ESPEAK_NG as string)) as { default: ESpeakNgFactory };
  const errors: string[] = [];
  const speed = String(Math.round(Math.min(450, Math.max(80, request.wordsPerMinute))));
  const module = await ESpeakNg({
    arguments: ['-w', '/reply.wav', '-v', request.voice, '-s', speed, '-f', '/reply.txt'],
    preRun: [(m) => m.FS.writeFile('/reply.txt', request.text)],
    print: () => {},
    printErr: (line) => errors.push(line),
  });
  try {
    return module.FS.readFile('/reply.wav');
  } catch {
    throw new Error(`eSpeak NG wrote no audio: ${errors.join(' ').slice(0, 200)}`);
  }
}
