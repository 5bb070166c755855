// The app's name and version, read once from package.json so About, logs and the contract agree.
import pkg from '../../package.json';

export const APP_NAME: string = pkg.productName;
export const APP_VERSION: string = pkg.version;
