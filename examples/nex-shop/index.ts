/**
 * The Eldonia-Nex shop with the SDK: a creator lists a digital product (an image file); a fan
 * cannot read the file, orders it, pays through the local test-mode provider (the same signed
 * webhook path a real payment takes), and then downloads it; the creator sees the sale and the
 * platform's fee in its ledger, its balance, and asks for a withdrawal of part of it.
 *
 *   npm start                          # in another terminal: the service (PAYMENT_PROVIDER=local)
 *   npm run nex-shop -w @yorozu/examples
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. Each run signs up two new accounts.
 */
import { randomBytes } from 'node:crypto';
import { NotFoundError, type Schemas, Yorozu } from '@yorozu/sdk';

/** A 1×1 PNG: the digital product's file. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

async function newAccount(baseUrl: string, label: string) {
  const signup = await new Yorozu({ baseUrl, anonymous: true }).auth.signup({
    email: `nex-shop-${label}-${Date.now()}-${randomBytes(3).toString('hex')}@example.com`,
    password: randomBytes(12).toString('base64url'),
    name: label,
  });
  return new Yorozu({ baseUrl, accessToken: signup.tokens.accessToken });
}

export interface ShopRun {
  product: Schemas['NexProduct'];
  /** Whether the fan's download was refused before paying. */
  refusedBeforePaying: boolean;
  payment: Schemas['NexPayment'];
  order: Schemas['NexOrder'];
  /** The file as the fan downloaded it after paying. */
  download: Blob;
  entries: Schemas['NexTransaction'][];
  balance: Schemas['NexBalance'];
  withdrawal: Schemas['NexWithdrawal'];
}

export async function runShop(
  baseUrl: string,
  print: (line: string) => void = console.log,
): Promise<ShopRun> {
  const creator = await newAccount(baseUrl, 'aoi');
  const username = `aoi_${randomBytes(4).toString('hex')}`;
  await creator.nex.creators.create({ username, birthDate: '1998-07-07' });
  const fan = await newAccount(baseUrl, 'fan');

  const file = await creator.files.create({ body: new Blob([PNG], { type: 'image/png' }) });
  const product = await creator.nex.products.create({
    name: '夕焼けの海（高解像度）',
    description: '原画の高解像度データです。',
    category: 'digital-art',
    kind: 'digital',
    fileId: file.id,
    priceAmount: 1500,
  });
  print(`${username} lists 「${product.name}」 for ${product.priceAmount} ${product.currency}`);

  // The file is the seller's: nobody else reads it before buying.
  let refusedBeforePaying = false;
  try {
    await fan.files.get({ id: file.id });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    refusedBeforePaying = true;
    print('Before paying, the fan cannot download the file (404)');
  }

  const pending = await fan.nex.orders.create({ items: [{ productId: product.id, quantity: 1 }] });
  print(`Order ${pending.orderNumber}: ${pending.total} ${pending.currency}, ${pending.status}`);
  // Test mode: the local provider signs a `payment_intent.succeeded` event and confirms it
  // through the same webhook handler as a real payment.
  const payment = await fan.nex.payments.simulate({ id: pending.paymentId ?? '', outcome: 'succeeded' });
  const order = await fan.nex.orders.get({ id: pending.id });
  print(`Payment ${payment.status}; order ${order.status}, payment ${order.paymentStatus}`);

  const download = await fan.files.get({ id: file.id });
  print(`The fan downloads it: ${download.type}, ${download.size} bytes`);

  const { data: entries } = await creator.nex.transactions.list();
  for (const entry of [...entries].reverse()) {
    print(
      `Ledger: ${entry.kind} ${entry.amount > 0 ? '+' : ''}${entry.amount} ${entry.currency} (${entry.description})`,
    );
  }
  const balance = await creator.nex.balance.get();
  const jpy = balance.data.find((row) => row.currency === 'JPY');
  print(`Balance: ${jpy?.available ?? 0} JPY available`);

  const withdrawal = await creator.nex.withdrawals.create({
    amount: 1000,
    currency: 'JPY',
    destination: 'acct_example',
  });
  print(`Withdrawal of ${withdrawal.amount} ${withdrawal.currency}: ${withdrawal.status}`);
  return { product, refusedBeforePaying, payment, order, download, entries, balance, withdrawal };
}

if (import.meta.main) {
  await runShop(process.env.YOROZU_BASE_URL ?? 'http://127.0.0.1:3000');
}
