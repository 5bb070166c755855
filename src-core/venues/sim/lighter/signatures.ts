// The simulator checks Lighter signatures as the venue does: the Poseidon2 hash of the tx fields
// folded with the tx's L2TxAttributes (or of the auth-token message), Schnorr-verified against
// the API key registered for
// (account, key index). A key's comb is built on its first check (~0.1 s), after which a
// verification costs about a millisecond.
import { decodePublicKey, verifyDecoded, type VerifyingKey } from '../../lighter/crypto/schnorr';
import { authMessage, cancelAllTx, cancelOrderTx, createOrderTx, modifyOrderTx, txHash, txHashHex, updateLeverageTx, type SignableTx, type TxCommon } from '../../lighter/signer/tx-info';
import type { ParsedTx } from './tx';

export type SigVerdict = 'ok' | 'unknown-key' | 'bad-signature';
/** A verified tx also yields its signed hash: the venue's `tx_hash`. */
export type TxVerdict = { readonly verdict: 'ok'; readonly hash: string } | { readonly verdict: 'unknown-key' | 'bad-signature' };

/** What the sender signed, rebuilt from the wire fields; throws for fields no signer accepts. */
export function signableOf(p: ParsedTx, chainId: number): SignableTx {
  const t = p.tx;
  const a = p.attributes;
  const c: TxCommon = { chainId, accountIndex: t.AccountIndex, apiKeyIndex: t.ApiKeyIndex, nonce: t.Nonce, expiredAt: t.ExpiredAt };
  switch (p.type) {
    case 14: {
      const o = p.tx;
      return createOrderTx(c, { marketIndex: o.MarketIndex, clientOrderIndex: o.ClientOrderIndex, baseAmount: o.BaseAmount, price: o.Price, isAsk: o.IsAsk === 1, orderType: o.Type, timeInForce: o.TimeInForce, reduceOnly: o.ReduceOnly === 1, triggerPrice: o.TriggerPrice, orderExpiry: o.OrderExpiry }, a);
    }
    case 15:
      return cancelOrderTx(c, p.tx.MarketIndex, p.tx.Index, a);
    case 16:
      return cancelAllTx(c, p.tx.TimeInForce, p.tx.Time, a);
    case 17: {
      const o = p.tx;
      return modifyOrderTx(c, { marketIndex: o.MarketIndex, index: o.Index, baseAmount: o.BaseAmount, price: o.Price, triggerPrice: o.TriggerPrice }, a);
    }
    case 20:
      return updateLeverageTx(c, p.tx.MarketIndex, p.tx.InitialMarginFraction, p.tx.MarginMode, a);
  }
}

export class LighterKeys {
  private readonly hex = new Map<string, string>(); // "account:key" -> public key hex
  private readonly decoded = new Map<string, VerifyingKey | null>();
  private readonly verifiedTokens = new Set<string>();

  constructor(readonly chainId: number) {}

  register(account: number, apiKey: number, publicKeyHex: string): void {
    const id = `${account}:${apiKey}`;
    this.hex.set(id, publicKeyHex);
    this.decoded.delete(id);
    this.verifiedTokens.clear();
  }

  entries(): IterableIterator<[string, string]> {
    return this.hex.entries();
  }

  private key(account: number, apiKey: number): VerifyingKey | null | undefined {
    const id = `${account}:${apiKey}`;
    const hex = this.hex.get(id);
    if (hex === undefined) return undefined;
    if (!this.decoded.has(id)) this.decoded.set(id, /^[0-9a-f]{80}$/i.test(hex) ? decodePublicKey(Buffer.from(hex, 'hex'), true) : null);
    return this.decoded.get(id) ?? null;
  }

  verifyTx(p: ParsedTx): TxVerdict {
    const t = p.tx;
    const key = this.key(t.AccountIndex, t.ApiKeyIndex);
    if (key === undefined) return { verdict: 'unknown-key' };
    if (key === null) return { verdict: 'bad-signature' };
    let signable: SignableTx;
    try {
      signable = signableOf(p, this.chainId);
    } catch {
      return { verdict: 'bad-signature' }; // fields no signer could have signed
    }
    const hash = txHash(signable);
    return verifyDecoded(key, hash, Buffer.from(t.Sig, 'base64')) ? { verdict: 'ok', hash: txHashHex(hash) } : { verdict: 'bad-signature' };
  }

  verifyAuthToken(token: string, deadlineS: number, account: number, apiKey: number, sigHex: string): SigVerdict {
    if (this.verifiedTokens.has(token)) return 'ok';
    const key = this.key(account, apiKey);
    if (key === undefined) return 'unknown-key';
    if (key === null) return 'bad-signature';
    const ok = verifyDecoded(key, authMessage(deadlineS, account, apiKey).hash, Buffer.from(sigHex, 'hex'));
    if (!ok) return 'bad-signature';
    if (this.verifiedTokens.size > 1_000) this.verifiedTokens.clear();
    this.verifiedTokens.add(token);
    return 'ok';
  }
}
