// Temporary files removed when the process is interrupted (SIGINT, SIGTERM, SIGHUP).
#ifndef SECRETMAP_TEMPORARIES_H
#define SECRETMAP_TEMPORARIES_H

/// Registers `path` (copied) to be unlinked if a termination signal arrives before it is
/// unregistered; installs the signal handlers on first use. Returns a slot for
/// secretmap_temporary_forget, or -1 when every slot is taken (the file is then not covered).
int secretmap_temporary_register(const char *path);

/// The file at `slot` was renamed or removed: no longer unlinked on a signal. Its copy of the
/// path is not freed (a handler on another thread may be reading it).
void secretmap_temporary_forget(int slot);

#endif
