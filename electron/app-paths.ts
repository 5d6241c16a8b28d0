// Where the Electron app finds its pieces, in development (running from the checkout) and
// packaged (inside app.asar, with workers and native files unpacked next to it).
import path from 'node:path';

export interface AppPathInputs {
  isPackaged: boolean;
  /** app.getAppPath(): the checkout in development, …/resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath. */
  resourcesPath: string;
  /** app.getPath('userData'). */
  userData: string;
}

export interface AppPaths {
  rendererDir: string;
  preload: string;
  /** Worker files must be real files on disk: worker threads cannot load from inside an asar. */
  workerDir: string;
  /** The bundled demo program: the start page copies it to programDatabase when asked. */
  demoDatabase: string;
  /** Fonts and other resources shipped beside the app (resources/ in the checkout). */
  resourcesDir: string;
  /** The workstation's own program file (made at the start page; opened when no recent file is). */
  programDatabase: string;
  windowStateFile: string;
  recentFilesFile: string;
}

/** `…/app.asar/x` → `…/app.asar.unpacked/x` (where asarUnpack puts files). */
export function unpackedPath(p: string): string {
  return p.replace(/([\\/])app\.asar([\\/]|$)/, '$1app.asar.unpacked$2');
}

export function appPaths(i: AppPathInputs): AppPaths {
  const dist = path.join(i.appPath, 'dist');
  return {
    rendererDir: path.join(dist, 'renderer'),
    preload: path.join(dist, 'electron', 'preload.cjs'),
    workerDir: i.isPackaged ? unpackedPath(path.join(dist, 'workers')) : path.join(dist, 'workers'),
    demoDatabase: i.isPackaged
      ? path.join(i.resourcesPath, 'demo', 'demo-program.sqlite')
      : path.join(dist, 'demo', 'demo-program.sqlite'),
    resourcesDir: i.isPackaged ? i.resourcesPath : path.join(i.appPath, 'resources'),
    programDatabase: path.join(i.userData, 'program.sqlite'),
    windowStateFile: path.join(i.userData, 'window-state.json'),
    recentFilesFile: path.join(i.userData, 'recent-files.json'),
  };
}
