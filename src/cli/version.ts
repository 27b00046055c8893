// This Baton's version: shown by --version, and written by the daemon to daemon.pid so `baton
// doctor` can tell a daemon left running from an older install.
export const VERSION = '0.1.0';
