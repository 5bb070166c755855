// Settings → Keys & live: each venue's credentials (entered once, sent once to the core, stored in
// the OS keychain; the page never holds them after sending and the core never sends them back:
// it shows "stored", a fingerprint of the public half and the dates), and live arming (the
// checklist with each requirement's reason, the word to type, disarm in one click).
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { useCommand } from '../api/use-command';
import { useKeysStore } from '../store/ui-keys';
import { keyFieldProblem, type KEY_FORMAT_MESSAGES } from '../../../src-core/api/channels/key-formats';
import type { VenueKeyStatus } from '../../../src-core/api/channels/keys';
import './keys-panel.css';

type Venue = VenueKeyStatus['venue'];
type FieldName = keyof typeof KEY_FORMAT_MESSAGES;

interface FieldDef {
  readonly name: FieldName;
  readonly label: string;
  readonly secret: boolean;
  readonly placeholder: string;
}

const FIELDS: Record<Venue, readonly FieldDef[]> = {
  lighter: [
    { name: 'accountIndex', label: 'Account index', secret: false, placeholder: 'e.g. 100001' },
    { name: 'apiKeyIndex', label: 'API key index', secret: false, placeholder: '0–255' },
    { name: 'privateKeyHex', label: 'API private key', secret: true, placeholder: '80 hex characters' },
  ],
  extended: [
    { name: 'apiKey', label: 'API key', secret: true, placeholder: '32 hex characters' },
    { name: 'vault', label: 'Vault', secret: false, placeholder: 'e.g. 10001' },
    { name: 'starkPrivateKey', label: 'Stark private key', secret: true, placeholder: '0x…, up to 64 hex digits' },
  ],
};

const VENUE_NAME: Record<Venue, string> = { lighter: 'Lighter', extended: 'Extended' };

const when = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));

/** The app-wide armed flag from the core's event; App mounts it once (one hook line). */
export function useLiveArmedSubscription(): void {
  const api = useApi();
  const setArmed = useKeysStore((s) => s.setArmed);
  useEffect(() => {
    void api.query('live.status').then((r) => r.ok && setArmed(r.value.armed));
    return api.on('live.changed', (e) => setArmed(e.armed));
  }, [api, setArmed]);
}

/** For the TopBar: a red ARMED badge while armed, nothing otherwise. */
export function ArmedBadge(): React.JSX.Element | null {
  const armed = useKeysStore((s) => s.armed);
  return armed ? (
    <span className="badge armed-badge" data-testid="armed-badge" title="armed: orders may go to the venues; disarm in Settings">
      ARMED
    </span>
  ) : null;
}

function KeysForm({ venue, onStored, onCancel }: { venue: Venue; onStored: () => void; onCancel: (() => void) | null }): React.JSX.Element {
  const run = useCommand();
  const setKeys = useKeysStore((s) => s.setKeys);
  const [draft, setDraft] = useState<Partial<Record<FieldName, string>>>({});
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [busy, setBusy] = useState(false);
  const fields = FIELDS[venue];
  const problems = Object.fromEntries(fields.map((f) => [f.name, keyFieldProblem(f.name, draft[f.name] ?? '')])) as Record<FieldName, string | null>;
  const valid = fields.every((f) => problems[f.name] === null);

  const submit = async (): Promise<void> => {
    setTouched(Object.fromEntries(fields.map((f) => [f.name, true])));
    if (!valid) return;
    const t = (n: FieldName): string => (draft[n] ?? '').trim();
    const input =
      venue === 'lighter'
        ? ({ venue, accountIndex: Number(t('accountIndex')), apiKeyIndex: Number(t('apiKeyIndex')), privateKeyHex: t('privateKeyHex') } as const)
        : ({ venue, apiKey: t('apiKey'), vault: Number(t('vault')), starkPrivateKey: t('starkPrivateKey') } as const);
    setBusy(true);
    const r = await run('keys.set', input, `Store ${VENUE_NAME[venue]} keys`);
    setBusy(false);
    // The page keeps no copy once the core has them.
    if (r.ok) {
      setDraft({});
      setKeys(r.value);
      onStored();
    }
  };

  return (
    <form
      className="keys-form"
      data-testid={`keys-form-${venue}`}
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {fields.map((f) => {
        const problem = touched[f.name] === true ? problems[f.name] : null;
        return (
          <label key={f.name} className={problem === null ? '' : 'invalid'}>
            <span>{f.label}</span>
            <input
              data-testid={`key-${venue}-${f.name}`}
              type={f.secret ? 'password' : 'text'}
              inputMode={f.secret ? 'text' : 'numeric'}
              autoComplete={f.secret ? 'new-password' : 'off'}
              spellCheck={false}
              placeholder={f.placeholder}
              className={f.secret ? 'mono' : 'num'}
              value={draft[f.name] ?? ''}
              onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
              onBlur={() => setTouched({ ...touched, [f.name]: true })}
            />
            <span className="field-problem" data-testid={`key-${venue}-${f.name}-problem`}>
              {problem ?? ''}
            </span>
          </label>
        );
      })}
      <div className="actions">
        <button type="submit" data-testid={`keys-store-${venue}`} disabled={busy || (!valid && fields.every((f) => touched[f.name] === true))}>
          {busy ? 'Storing…' : 'Store in keychain'}
        </button>
        {onCancel !== null && (
          <button type="button" className="ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
        <span className="muted small">Sent once to the core and kept in the OS keychain; never shown again.</span>
      </div>
    </form>
  );
}

function VenueKeys({ status, refreshLive }: { status: VenueKeyStatus; refreshLive: () => void }): React.JSX.Element {
  const run = useCommand();
  const setKeys = useKeysStore((s) => s.setKeys);
  const [replacing, setReplacing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const venue = status.venue;
  const api = useApi();

  const reload = async (): Promise<void> => {
    const r = await api.query('keys.status');
    if (r.ok) setKeys(r.value);
    refreshLive();
  };
  const verify = async (): Promise<void> => {
    setVerifying(true);
    await run('keys.verify', { venue }, `Verify ${VENUE_NAME[venue]} keys`, `${VENUE_NAME[venue]} accepted the keys`);
    setVerifying(false);
    await reload();
  };
  const remove = async (): Promise<void> => {
    const r = await run('keys.remove', { venue, confirm: true }, `Remove ${VENUE_NAME[venue]} keys`);
    setConfirmRemove(false);
    if (r.ok) setKeys(r.value);
    refreshLive();
  };

  return (
    <div className="venue-keys" data-testid={`keys-${venue}`}>
      <h3>
        {VENUE_NAME[venue]}
        {status.stored ? (
          <span className="chip pass" data-testid={`keys-${venue}-stored`}>
            stored
          </span>
        ) : (
          <span className="chip reject" data-testid={`keys-${venue}-absent`}>
            not stored
          </span>
        )}
      </h3>
      {status.stored && !replacing && (
        <>
          <dl className="key-facts">
            <dt>Fingerprint</dt>
            <dd className="mono" data-testid={`keys-${venue}-fingerprint`} title="first 8 hex of sha256 of the public key">
              {status.fingerprint}
            </dd>
            <dt>Stored</dt>
            <dd data-testid={`keys-${venue}-stored-at`}>{when(status.storedAtMs)}</dd>
            <dt>Verified</dt>
            <dd data-testid={`keys-${venue}-verified`}>
              {status.verifyError !== null ? <span className="error">failed: {status.verifyError}</span> : status.verifiedAtMs === null ? <span className="muted">not since the core started</span> : <span className="ok">{when(status.verifiedAtMs)}</span>}
            </dd>
          </dl>
          <div className="actions">
            <button type="button" data-testid={`keys-verify-${venue}`} disabled={verifying} onClick={() => void verify()}>
              {verifying ? 'Verifying…' : 'Verify'}
            </button>
            <button type="button" className="ghost" onClick={() => setReplacing(true)}>
              Replace
            </button>
            {confirmRemove ? (
              <>
                <button type="button" className="danger" data-testid={`keys-remove-confirm-${venue}`} onClick={() => void remove()}>
                  Remove {VENUE_NAME[venue]} keys from the keychain
                </button>
                <button type="button" className="ghost" onClick={() => setConfirmRemove(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" className="ghost" data-testid={`keys-remove-${venue}`} onClick={() => setConfirmRemove(true)}>
                Remove…
              </button>
            )}
          </div>
        </>
      )}
      {(!status.stored || replacing) && <KeysForm venue={venue} onStored={() => { setReplacing(false); refreshLive(); }} onCancel={replacing ? () => setReplacing(false) : null} />}
    </div>
  );
}

function Arming({ refresh }: { refresh: () => Promise<void> }): React.JSX.Element {
  const run = useCommand();
  const live = useKeysStore((s) => s.live);
  const setLive = useKeysStore((s) => s.setLive);
  const [typed, setTyped] = useState('');
  if (live === null) return <div className="muted">Reading the arming checklist…</div>;
  const unmet = live.checks.filter((c) => !c.met).length;

  const arm = async (): Promise<void> => {
    const r = await run('live.arm', { word: typed }, live.mode === 'sim' ? 'Arm (simulator rehearsal)' : 'Arm for live trading');
    setTyped('');
    if (r.ok) setLive(r.value);
    // A refused attempt used up the word: show the new one.
    else await refresh();
  };
  const disarm = async (): Promise<void> => {
    const r = await run('live.disarm', {}, 'Disarm');
    if (r.ok) setLive(r.value);
  };

  return (
    <div className="arming" data-testid="arming">
      <h3>
        Live arming
        {live.armed ? (
          <span className="badge armed-badge" data-testid="arming-armed">
            ARMED{live.mode === 'sim' ? ' (SIMULATOR)' : ''}
          </span>
        ) : (
          <span className="badge disarmed-badge" data-testid="arming-disarmed">
            DISARMED
          </span>
        )}
      </h3>
      <p className="muted small" data-testid="arming-meaning">
        {live.meaning}
      </p>
      <ul className="checklist" data-testid="arming-checklist">
        {live.checks.map((c) => (
          <li key={c.requirement} className={c.met ? 'met' : 'unmet'} data-testid={`check-${c.requirement}`} data-met={c.met}>
            <span className="mark">{c.met ? '✓' : '✗'}</span>
            <span className="label">{c.label}</span>
            <span className="check-detail small">{c.detail}</span>
          </li>
        ))}
      </ul>
      {live.armed ? (
        <div className="actions">
          <button type="button" className="danger" data-testid="live-disarm" onClick={() => void disarm()}>
            Disarm
          </button>
          {live.armedAtMs !== null && <span className="muted small">armed since {when(live.armedAtMs)}</span>}
        </div>
      ) : live.word === null ? null : (
        <form
          className="actions"
          onSubmit={(e) => {
            e.preventDefault();
            void arm();
          }}
        >
          <label className="arm-word">
            <span>
              Type <strong className="mono" data-testid="arming-word">{live.word}</strong> to arm
            </span>
            <input data-testid="arming-input" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />
          </label>
          <button type="submit" className="danger" data-testid="live-arm" disabled={typed.trim() === ''}>
            Arm
          </button>
          <button type="button" className="ghost" onClick={() => void refresh()}>
            Recheck
          </button>
          <span className={unmet === 0 ? 'ok small' : 'muted small'}>{unmet === 0 ? 'every requirement met' : `${unmet} requirement${unmet === 1 ? '' : 's'} unmet`}</span>
        </form>
      )}
      <p className="muted small">Arming is not kept across restarts: a restarted core comes up disarmed.</p>
    </div>
  );
}

/** How often the checklist is re-read while the section is open (each read may check clocks). */
const LIVE_REFRESH_MS = 5_000;

export function KeysPanel(): React.JSX.Element {
  const api = useApi();
  const keys = useKeysStore((s) => s.keys);
  const setKeys = useKeysStore((s) => s.setKeys);
  const setLive = useKeysStore((s) => s.setLive);
  const [error, setError] = useState<string | null>(null);

  const refreshLive = useCallback(async (): Promise<void> => {
    const r = await api.query('live.status');
    if (r.ok) setLive(r.value);
  }, [api, setLive]);

  useEffect(() => {
    void api.query('keys.status').then((r) => (r.ok ? setKeys(r.value) : setError(r.error.message)));
    void refreshLive();
    const t = setInterval(() => void refreshLive(), LIVE_REFRESH_MS);
    return () => clearInterval(t);
  }, [api, setKeys, refreshLive]);

  return (
    <section className="panel keys-panel" data-testid="keys-panel">
      <h2>Keys &amp; live</h2>
      {error !== null && <div className="error">{error}</div>}
      {keys?.keychainProblem != null && (
        <div className="error" data-testid="keychain-problem">
          The OS keychain is not usable: {keys.keychainProblem}
        </div>
      )}
      {keys !== null && (
        <p className="muted small">
          Keys for <strong>{keys.mode}</strong> mode (each mode keeps its own).
        </p>
      )}
      <div className="venue-keys-row">{keys?.venues.map((v) => <VenueKeys key={v.venue} status={v} refreshLive={() => void refreshLive()} />)}</div>
      <Arming refresh={refreshLive} />
    </section>
  );
}
