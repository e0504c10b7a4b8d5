/**
 * The catalogue scripts' lines in the learner's own language (docs/products/speak.md,
 * Translations): written by hand with the catalogue (migrations 0101), one entry per script line,
 * from the script's target language into its native language. This is stored data, not machine
 * translation: the built-in translator answers only for these exact lines.
 */

export interface GlossaryScript {
  /** The script's target language: the lines' language. */
  from: string;
  /** The script's native language: the translations' language. */
  to: string;
  lines: Record<string, string>;
}

export const GLOSSARY: readonly GlossaryScript[] = [
  {
    from: 'en',
    to: 'ja',
    lines: {
      // Ordering coffee at a café
      'Hi there! What can I get for you today?': 'いらっしゃいませ！ご注文は何になさいますか。',
      'Can I have a latte, please?': 'ラテをお願いできますか。',
      'Sure. What size would you like: small, medium or large?':
        'かしこまりました。サイズはスモール、ミディアム、ラージのどれになさいますか。',
      'Medium, please.': 'ミディアムでお願いします。',
      'Anything else? That will be four fifty.': 'ほかにご注文はありますか。4ドル50セントになります。',
      'No, thank you. Here you are.': 'いいえ、結構です。はい、どうぞ。',
      'Thank you! Your latte will be ready in a minute.': 'ありがとうございます！ラテはすぐにご用意します。',
      // Checking in at a hotel
      'Good evening, welcome to the Harbor Hotel. Do you have a reservation?':
        'こんばんは、ハーバーホテルへようこそ。ご予約はございますか。',
      'Yes, I have a reservation under the name Tanaka.': 'はい、田中の名前で予約しています。',
      'Thank you, Mr. Tanaka. Three nights in a double room, correct?':
        'ありがとうございます、田中様。ダブルルームに3泊でよろしいですね。',
      'Yes, that is correct.': 'はい、その通りです。',
      'Here is your key card. Your room is on the fifth floor.': 'こちらがカードキーです。お部屋は5階です。',
      'What time is breakfast served?': '朝食は何時からですか。',
      'Breakfast is from seven to ten in the restaurant on the ground floor.':
        '朝食は1階のレストランで7時から10時までです。',
      // Asking for directions
      'You look a little lost. Can I help you?': '少しお困りのようですね。お手伝いしましょうか。',
      'Excuse me, how do I get to the train station?': 'すみません、駅へはどう行けばいいですか。',
      'Go straight for two blocks, then turn left at the bank.':
        '2ブロックまっすぐ行って、銀行のところを左に曲がってください。',
      'Is it far from here?': 'ここから遠いですか。',
      'Not really, it is about a ten minute walk.': 'それほどでもありません。歩いて10分くらいです。',
      'Thank you so much for your help.': '助けてくださって本当にありがとうございます。',
      'You are welcome. Have a nice day!': 'どういたしまして。よい一日を！',
      // Job interview: introducing yourself
      'Thank you for coming in today. Could you tell me a little about yourself?':
        '本日はお越しいただきありがとうございます。少し自己紹介をしていただけますか。',
      'I am a software engineer with five years of experience in web development.':
        'Web開発で5年の経験があるソフトウェアエンジニアです。',
      'What made you interested in this position?': 'この職に興味を持ったきっかけは何ですか。',
      'I want to work on products that many people use every day.':
        '多くの人が毎日使う製品に携わりたいからです。',
      'What would you say is your greatest strength?': 'あなたの一番の強みは何だと思いますか。',
      'I communicate clearly and I enjoy solving difficult problems.':
        'わかりやすく伝えることができ、難しい問題を解決するのが好きです。',
      'Great. Do you have any questions for us?': 'すばらしいですね。何か質問はありますか。',
      // At the doctor
      'Hello, what brings you in today?': 'こんにちは、今日はどうされましたか。',
      'I have had a sore throat and a fever since yesterday.': '昨日からのどが痛くて熱があります。',
      'I see. Do you have a cough as well?': 'なるほど。せきも出ますか。',
      'Yes, a little, especially at night.': 'はい、少し。特に夜に出ます。',
      'Are you allergic to any medicine?': '薬のアレルギーはありますか。',
      'No, I am not allergic to anything.': 'いいえ、アレルギーは何もありません。',
      'I will prescribe something for the fever. Get plenty of rest.':
        '熱の薬を出しておきます。十分に休んでください。',
      // Small talk with a colleague
      'Morning! Did you do anything fun over the weekend?': 'おはよう！週末は何か楽しいことをした？',
      'I went hiking with some friends in the mountains.': '友達と山へハイキングに行きました。',
      'That sounds great. How was the weather?': 'いいですね。天気はどうでしたか。',
      'It was sunny and not too hot.': '晴れていて、暑すぎませんでした。',
      'Lucky you. It rained all weekend here.': 'いいなあ。こっちは週末ずっと雨だったよ。',
      'Maybe we can go together next time.': '今度一緒に行きましょうか。',
      'I would love that. Let me know!': 'ぜひ行きたい。声をかけてね！',
      // Returning an item at a store
      'Hi, how can I help you?': 'いらっしゃいませ、どうなさいましたか。',
      'I would like to return this jacket. It is too small.':
        'このジャケットを返品したいです。小さすぎました。',
      'Do you have the receipt?': 'レシートはお持ちですか。',
      'Yes, here it is.': 'はい、これです。',
      'Would you like a refund or an exchange?': '返金と交換のどちらになさいますか。',
      'A refund, please.': '返金でお願いします。',
      'No problem. The money will be back on your card in three to five days.':
        '承知しました。3日から5日でカードに返金されます。',
      // Business meeting: proposing a schedule
      'Let us talk about the timeline for the new project.':
        '新しいプロジェクトのスケジュールについて話しましょう。',
      'I suggest we finish the design phase by the end of March.':
        '設計段階は3月末までに終えることを提案します。',
      'That is tight. Do you think the team can manage it?':
        'それは厳しいですね。チームで対応できると思いますか。',
      'If we add one more designer, I believe we can.': 'デザイナーをもう一人増やせば、できると思います。',
      'All right. What about testing?': 'わかりました。テストはどうしますか。',
      'Testing could start in April and take about three weeks.':
        'テストは4月に始めて、3週間ほどかかる見込みです。',
      'Sounds reasonable. Please send me the plan in writing.': '妥当ですね。計画を書面で送ってください。',
      // Airport immigration
      'Good morning. What is the purpose of your visit?': 'おはようございます。訪問の目的は何ですか。',
      'I am here for sightseeing.': '観光で来ました。',
      'How long will you be staying?': 'どのくらい滞在しますか。',
      'I will stay for one week.': '1週間滞在します。',
      'Where will you be staying?': 'どこに滞在しますか。',
      'At the Grand Central Hotel in New York.': 'ニューヨークのグランドセントラルホテルです。',
      'Enjoy your stay.': '滞在を楽しんでください。',
    },
  },
  {
    from: 'ja',
    to: 'en',
    lines: {
      // 自己紹介
      'はじめまして。お名前は何ですか。': 'Nice to meet you. What is your name?',
      'はじめまして。私はジョンです。': 'Nice to meet you. I am John.',
      'ジョンさん、どこから来ましたか。': 'John, where are you from?',
      'アメリカから来ました。': 'I am from the United States.',
      'お仕事は何ですか。': 'What do you do for a living?',
      'エンジニアです。': 'I am an engineer.',
      'そうですか。どうぞよろしくお願いします。': 'I see. It is a pleasure to meet you.',
      // レストランで注文する
      'いらっしゃいませ。何名様ですか。': 'Welcome. How many people are in your party?',
      '二人です。': 'Two people.',
      'こちらへどうぞ。ご注文はお決まりですか。': 'This way, please. Are you ready to order?',
      'ラーメンを二つください。': 'Two bowls of ramen, please.',
      'お飲み物はいかがですか。': 'Would you like something to drink?',
      'お水をお願いします。': 'Water, please.',
      'かしこまりました。少々お待ちください。': 'Certainly. Please wait a moment.',
      // 駅で切符を買う
      'どちらまでですか。': 'Where are you going?',
      '京都までお願いします。': 'To Kyoto, please.',
      '新幹線ですか、在来線ですか。': 'The Shinkansen or a conventional line?',
      '新幹線でお願いします。': 'The Shinkansen, please.',
      '指定席と自由席がありますが。': 'There are reserved seats and non-reserved seats.',
      '指定席をください。': 'A reserved seat, please.',
      'はい、こちらが切符です。3番線から出発します。': 'Here is your ticket. It leaves from platform 3.',
      // 道をたずねる
      'どうしましたか。': 'Is something wrong?',
      'すみません、駅はどこですか。': 'Excuse me, where is the station?',
      'この道をまっすぐ行って、二つ目の角を右に曲がってください。':
        'Go straight along this street and turn right at the second corner.',
      '歩いて何分ぐらいですか。': 'How many minutes is it on foot?',
      '五分ぐらいですよ。': 'About five minutes.',
      'ありがとうございます。': 'Thank you very much.',
      'どういたしまして。気をつけて。': 'You are welcome. Take care.',
      // ビジネスメールの電話
      'お電話ありがとうございます。山田商事でございます。': 'Thank you for calling. This is Yamada Trading.',
      'お世話になっております。ABC社のスミスと申します。':
        'Thank you for your continued support. My name is Smith, from ABC.',
      'スミス様、いつもお世話になっております。': 'Mr. Smith, thank you as always for your business.',
      '来週の会議の件でお電話いたしました。': 'I am calling about next week’s meeting.',
      'はい、火曜日の午後二時でよろしいでしょうか。': 'Yes, would Tuesday at two in the afternoon suit you?',
      'はい、火曜日の午後二時で問題ございません。': 'Yes, Tuesday at two in the afternoon is no problem.',
      'かしこまりました。当日お待ちしております。': 'Certainly. We look forward to seeing you on the day.',
      // 病院で症状を伝える
      '今日はどうされましたか。': 'What brings you in today?',
      '昨日から頭が痛いです。': 'I have had a headache since yesterday.',
      '熱はありますか。': 'Do you have a fever?',
      '少しあります。三十七度五分です。': 'A slight one. It is 37.5 degrees.',
      '薬のアレルギーはありますか。': 'Are you allergic to any medicine?',
      'いいえ、ありません。': 'No, I am not.',
      'では、薬を出しておきますね。お大事に。': 'Then I will prescribe some medicine. Get well soon.',
    },
  },
  {
    from: 'es',
    to: 'en',
    lines: {
      // Pedir comida en un restaurante
      '¡Buenas tardes! ¿Qué desea tomar?': 'Good afternoon! What would you like?',
      'Quisiera una paella, por favor.': 'I would like a paella, please.',
      'Muy bien. ¿Y para beber?': 'Very good. And to drink?',
      'Un agua sin gas, por favor.': 'A still water, please.',
      '¿Algo más?': 'Anything else?',
      'No, gracias. La cuenta, por favor.': 'No, thank you. The bill, please.',
      'Enseguida se la traigo.': 'I will bring it right away.',
      // En el aeropuerto
      'Buenos días. Su pasaporte, por favor.': 'Good morning. Your passport, please.',
      'Aquí tiene mi pasaporte.': 'Here is my passport.',
      '¿Va a facturar alguna maleta?': 'Are you checking any bags?',
      'Sí, una maleta.': 'Yes, one suitcase.',
      '¿Prefiere ventanilla o pasillo?': 'Would you prefer a window or an aisle seat?',
      'Ventanilla, por favor.': 'Window, please.',
      'Perfecto. Su puerta de embarque es la doce.': 'Perfect. Your boarding gate is twelve.',
    },
  },
  {
    from: 'fr',
    to: 'en',
    lines: {
      // Au marché
      "Bonjour ! Qu'est-ce que je vous sers ?": 'Hello! What can I get you?',
      "Je voudrais un kilo de pommes, s'il vous plaît.": 'I would like a kilo of apples, please.',
      'Voilà. Et avec ceci ?': 'There you go. Anything else?',
      "C'est tout, merci. Combien je vous dois ?": 'That is all, thank you. How much do I owe you?',
      'Trois euros cinquante.': 'Three euros fifty.',
      'Voici, merci beaucoup.': 'Here you are, thank you very much.',
      'Merci à vous, bonne journée !': 'Thank you, have a nice day!',
    },
  },
  {
    from: 'de',
    to: 'en',
    lines: {
      // Im Hotel einchecken
      'Guten Abend! Haben Sie eine Reservierung?': 'Good evening! Do you have a reservation?',
      'Ja, ich habe ein Zimmer auf den Namen Smith reserviert.':
        'Yes, I have reserved a room under the name Smith.',
      'Für zwei Nächte, richtig?': 'For two nights, correct?',
      'Ja, genau.': 'Yes, exactly.',
      'Hier ist Ihr Schlüssel. Zimmer dreihundertzwölf.': 'Here is your key. Room three hundred twelve.',
      'Wann gibt es Frühstück?': 'When is breakfast?',
      'Frühstück gibt es von sieben bis zehn Uhr.': 'Breakfast is from seven to ten o’clock.',
    },
  },
  {
    from: 'en',
    to: 'es',
    lines: {
      // Ordering food in English
      'Good evening. Are you ready to order?': 'Buenas noches. ¿Están listos para pedir?',
      'Yes, I would like the chicken salad, please.': 'Sí, quisiera la ensalada de pollo, por favor.',
      'Would you like something to drink?': '¿Desea algo de beber?',
      'An orange juice, please.': 'Un zumo de naranja, por favor.',
      'Anything else?': '¿Algo más?',
      'Could we have the bill, please?': '¿Nos trae la cuenta, por favor?',
      'Of course, I will bring it right away.': 'Por supuesto, se la traigo enseguida.',
    },
  },
  {
    from: 'en',
    to: 'ko',
    lines: {
      // Making a phone reservation
      "Good afternoon, Luigi's Restaurant. How can I help you?":
        '안녕하세요, 루이지 레스토랑입니다. 무엇을 도와드릴까요?',
      'I would like to book a table for four people tonight.': '오늘 밤 네 명 자리를 예약하고 싶습니다.',
      'What time would you like?': '몇 시로 해 드릴까요?',
      "At seven o'clock, please.": '일곱 시로 부탁합니다.',
      'May I have your name?': '성함이 어떻게 되십니까?',
      'My name is Kim.': '제 이름은 김입니다.',
      'Thank you, Ms. Kim. See you at seven.': '감사합니다, 김 님. 일곱 시에 뵙겠습니다.',
    },
  },
  {
    from: 'en',
    to: 'zh',
    lines: {
      // Negotiating a contract
      'We can offer the parts at twelve dollars per unit.': '我们可以以每件十二美元的价格提供这些零件。',
      'That is higher than we expected. Could you lower the price for larger orders?':
        '这比我们预期的要高。大批量订单能降低价格吗？',
      'For orders over ten thousand units, we can offer eleven dollars.':
        '订单超过一万件的话，我们可以给到十一美元。',
      'That works for us if delivery is within four weeks.': '如果能在四周内交货，我们可以接受。',
      'Four weeks is possible. Shall we put that in the contract?': '四周可以做到。我们把这一点写进合同吧？',
      'Yes, please send us the draft contract.': '好的，请把合同草案发给我们。',
      'I will send it by Friday.': '我会在星期五之前发给您。',
    },
  },
];
