/**
 * What the built-in partner says without a script: per target language, acknowledgements and
 * follow-up questions, a few per scenario and a general set for every other one. Written by hand;
 * languages without their own set fall back to English.
 */

export interface Templates {
  acknowledgements: readonly string[];
  questions: readonly string[];
  /** Said when a script has no partner line left. */
  closing: string;
}

type LanguageTemplates = { general: Templates } & Partial<Record<string, Partial<Templates>>>;

const templates: Record<string, LanguageTemplates> = {
  en: {
    general: {
      acknowledgements: [
        'I see.',
        'That is interesting.',
        'Good point.',
        'Oh, really?',
        'That makes sense.',
        'Nice!',
      ],
      questions: [
        'Can you tell me more about that?',
        'Why do you think so?',
        'What happened next?',
        'How did you feel about it?',
        'What would you like to talk about now?',
        'Could you give me an example?',
      ],
      closing: 'That is the end of the script. Great job! Would you like to try it again?',
    },
    restaurant: {
      questions: [
        'Would you like anything to drink?',
        'Are you ready to order?',
        'How was your meal?',
        'Would you like to see the dessert menu?',
      ],
    },
    travel: {
      questions: [
        'Where are you planning to go?',
        'How long will you stay?',
        'Have you been there before?',
        'What do you want to see there?',
      ],
    },
    business_meeting: {
      questions: [
        'What is the deadline for this project?',
        'Who is responsible for that part?',
        'What are the next steps?',
        'How much will it cost?',
      ],
    },
  },
  ja: {
    general: {
      acknowledgements: [
        'なるほど。',
        'そうなんですね。',
        'いいですね。',
        'へえ、本当ですか。',
        'わかりました。',
      ],
      questions: [
        'もう少し詳しく教えてください。',
        'どうしてそう思いますか。',
        'それからどうなりましたか。',
        '次は何について話しましょうか。',
        '例を挙げてもらえますか。',
      ],
      closing: '台本はこれで終わりです。よくできました。もう一度やってみますか。',
    },
    restaurant: {
      questions: ['お飲み物はいかがですか。', 'ご注文はお決まりですか。', 'お味はいかがでしたか。'],
    },
    travel: {
      questions: ['どこへ行く予定ですか。', 'どのくらい滞在しますか。', '前に行ったことがありますか。'],
    },
  },
  es: {
    general: {
      acknowledgements: ['Ya veo.', '¡Qué interesante!', 'Muy bien.', '¿De verdad?'],
      questions: [
        '¿Puedes contarme más?',
        '¿Por qué piensas eso?',
        '¿Y qué pasó después?',
        '¿De qué quieres hablar ahora?',
      ],
      closing: 'Es el final del guion. ¡Muy bien hecho! ¿Quieres intentarlo otra vez?',
    },
  },
  fr: {
    general: {
      acknowledgements: ['Je vois.', "C'est intéressant.", 'Très bien.', 'Ah bon ?'],
      questions: [
        'Tu peux m’en dire plus ?',
        'Pourquoi penses-tu cela ?',
        'Et ensuite ?',
        'De quoi veux-tu parler maintenant ?',
      ],
      closing: "C'est la fin du script. Bravo ! Tu veux recommencer ?",
    },
  },
  de: {
    general: {
      acknowledgements: ['Verstehe.', 'Das ist interessant.', 'Sehr gut.', 'Wirklich?'],
      questions: [
        'Kannst du mehr darüber erzählen?',
        'Warum denkst du das?',
        'Was ist dann passiert?',
        'Worüber möchtest du jetzt sprechen?',
      ],
      closing: 'Das ist das Ende des Skripts. Gut gemacht! Möchtest du es noch einmal versuchen?',
    },
  },
};

/** The templates for a language (its primary subtag) and scenario. */
export function templatesFor(language: string, scenario: string): Templates {
  const primary = language.split('-')[0] ?? language;
  const set = templates[primary] ?? (templates['en'] as LanguageTemplates);
  const specific = set[scenario];
  return { ...set.general, ...(specific ?? {}) } as Templates;
}
