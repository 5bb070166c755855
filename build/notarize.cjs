// electron-builder afterSign hook: notarizes the signed macOS app when credentials are in the
// environment, and says so in one line when they are not (local builds, forks, Linux/Windows).
// electron-builder's own notarize step is off (mac.notarize: false in electron-builder.yml) so the
// credentials and the skip are decided here, in one place, and unit-tested.
'use strict';
const { join } = require('node:path');

/** Which credential set the environment holds, as @electron/notarize 2.5 options, or null.
 *  The App Store Connect API key is preferred (scoped, revocable), then an Apple ID with an
 *  app-specific password, then a notarytool keychain profile. Incomplete sets count as none. */
function notarizeCredentials(env) {
  const has = (...names) => names.every((n) => typeof env[n] === 'string' && env[n] !== '');
  if (has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER')) {
    return { appleApiKey: env.APPLE_API_KEY, appleApiKeyId: env.APPLE_API_KEY_ID, appleApiIssuer: env.APPLE_API_ISSUER };
  }
  if (has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID')) {
    return { appleId: env.APPLE_ID, appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD, teamId: env.APPLE_TEAM_ID };
  }
  if (has('APPLE_KEYCHAIN_PROFILE')) {
    return { keychainProfile: env.APPLE_KEYCHAIN_PROFILE, ...(has('APPLE_KEYCHAIN') ? { keychain: env.APPLE_KEYCHAIN } : {}) };
  }
  return null;
}

async function afterSign(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const credentials = notarizeCredentials(process.env);
  if (credentials === null) {
    console.log('notarize: skipped (no APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER, APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID or APPLE_KEYCHAIN_PROFILE)');
    return;
  }
  const appPath = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  const { notarize } = require('@electron/notarize');
  console.log(`notarize: submitting ${appPath}`);
  await notarize({ appPath, ...credentials });
  console.log('notarize: done');
}

module.exports = afterSign;
module.exports.notarizeCredentials = notarizeCredentials;
