// The README's Worker example, type-checked with the `workerd` condition.
import { finicityExchange, type DwollaRequest } from "consent-exchange";

export default {
  async fetch(request: Request, env: { DWOLLA_TOKEN: string }): Promise<Response> {
    const { receipt, partnerHref } = (await request.json()) as { receipt: object; partnerHref: string };
    const built: DwollaRequest = finicityExchange({ receipt, partnerHref });
    return fetch(built.url, {
      method: built.method,
      headers: { ...built.headers, Authorization: `Bearer ${env.DWOLLA_TOKEN}` },
      body: built.body,
    });
  },
};
