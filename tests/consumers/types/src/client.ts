// README-style use of `consent-exchange/client` (WorkerClient), including the lines that
// must not compile.
import init, { WorkerClient, type LinkBankResult } from "consent-exchange/client";

export async function demo(): Promise<LinkBankResult> {
  await init();
  const api = new WorkerClient(location.origin);
  await api.createDemoCustomer({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
  // Optional arguments are optional.
  const { customerId } = await api.createFinicityCustomer();
  await api.createFinicityCustomer({ firstName: "Ada" });
  await api.reauthExchangeSession("0b3c1f1e-56b1-4a3e-9a88-4c1d2b9f0a11");
  // Closed sets and the caller's idempotency key on every create.
  await api.createExchangeSession("c", { partnerName: "Plaid", platform: "ios", idempotencyKey: "k1" });
  await api.createExchange("c", { partnerName: "MX", availableConnectionToken: "t", idempotencyKey: "k2" });
  await api.createFundingSource("c", { exchangeId: "e", name: "n", bankAccountType: "savings", idempotencyKey: "k3" });
  // @ts-expect-error bankAccountType is checking or savings
  await api.createFundingSource("c", { exchangeId: "e", name: "n", bankAccountType: "brokerage" });
  // @ts-expect-error platform is web, android or ios
  await api.createExchangeSession("c", { partnerName: "Plaid", platform: "windows" });
  // @ts-expect-error partnerName is one of the partners
  await api.createExchangeSession("c", { partnerName: "Acme" });
  // @ts-expect-error a new session names its partner
  await api.createExchangeSession("c", { platform: "web" });
  // Answers are the worker's reply types.
  const { exchange } = await api.getExchange("0b3c1f1e-56b1-4a3e-9a88-4c1d2b9f0a11");
  const reauth: boolean = exchange.reAuthenticationRequired;
  const { open } = await api.reauthExchangeSession("0b3c1f1e-56b1-4a3e-9a88-4c1d2b9f0a11", { platform: "ios" });
  if (open.kind === "plaidLink") console.log(open.linkToken, reauth);
  const { events, reAuthenticationRequired } = await api.customerEvents("74a207b2-b7b7-4efa-8bf8-582148e7b980");
  const topics: string[] = events.map((e) => e.topic);
  console.log(topics, reAuthenticationRequired.length);
  console.log(customerId);
  return api.linkBank({ finicityCustomerId: "1", accountId: "2", name: "Checking", bankAccountType: "checking" });
}
