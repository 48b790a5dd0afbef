/**
 * Modes of what the server keeps on disk (DATA_DIR): medical records and the
 * token secret are for the server's own user only, whatever the umask.
 */
export const DATA_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
