// Electron glue for the tray: rebuilds the menu from the model whenever the state changes and
// routes actions to the core's dispatcher, the same path the UI uses.
import { Menu, Tray, app, nativeImage, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { CoreShell } from '../../src-core/host/worker/shell';
import { trayBadge, trayIconName, trayMenuModel, trayTooltip, type TrayAction } from './menu-model';

export function createTray(core: Pick<CoreShell, 'dispatcher' | 'events' | 'tradingState' | 'exposure'>, resourcesDir: string, getWindow: () => BrowserWindow | null, quit: () => void): Tray {
  const tray = new Tray(nativeImage.createFromPath(join(resourcesDir, trayIconName(core.tradingState().state))));
  // The ledger's count lives with the core (a worker thread): asked again on each pairs.update,
  // the menu shows the last answer.
  let openPairsKnown = 0;
  const openPairs = (): number => openPairsKnown;
  const refreshOpenPairs = (): void => {
    core.exposure().then(
      (e) => {
        openPairsKnown = e.openPairs;
        render();
      },
      () => undefined, // the core is down or restarting: the crash guard says so
    );
  };

  const run = async (action: TrayAction): Promise<void> => {
    switch (action.kind) {
      case 'open-window': {
        const w = getWindow();
        w?.show();
        w?.focus();
        return;
      }
      case 'set-state':
        await core.dispatcher.call('command', 'trading.state.set', { state: action.state, reason: action.reason });
        return;
      case 'quit':
        return quit();
      case 'confirm-quit':
        // The quit guard (main/quit-guard.ts) asks flatten / leave open / cancel on every quit.
        return quit();
    }
  };

  let decisionsWaiting = 0;
  const render = (): void => {
    const state = core.tradingState().state;
    const items = trayMenuModel({ state, openPairs: openPairs(), decisionsWaiting });
    tray.setContextMenu(
      Menu.buildFromTemplate(
        items.map((item) => ({
          label: item.label,
          enabled: item.enabled,
          click: item.action === null ? undefined : () => void run(item.action!),
        })),
      ),
    );
    tray.setToolTip(trayTooltip(state, openPairs(), decisionsWaiting));
    tray.setImage(nativeImage.createFromPath(join(resourcesDir, trayIconName(state))));
    // The title shows beside the icon on macOS; the badge count on the dock (macOS) and the
    // launcher (Linux Unity); Windows shows the tooltip.
    tray.setTitle(trayBadge(decisionsWaiting));
    app.setBadgeCount(decisionsWaiting);
  };
  render();
  refreshOpenPairs();
  core.events.subscribe('trading.state.changed', render);
  // The quit item names the open pairs: keep its count current.
  core.events.subscribe('pairs.update', refreshOpenPairs);
  core.events.subscribe('notices.status', (s) => {
    decisionsWaiting = s.decisionsWaiting;
    render();
  });
  return tray;
}
