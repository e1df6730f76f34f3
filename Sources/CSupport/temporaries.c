// Why C: a signal handler may only call async-signal-safe functions (unlink, signal, raise) and
// read memory without locks; Swift gives neither guarantee. The handler unlinks every registered
// temporary file, restores the default action and raises the signal again, so the process still
// ends by the signal (exit status 128+N in a shell, as the user asked).
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "temporaries.h"

#define SLOTS 32
static _Atomic(char *) slots[SLOTS];
static atomic_flag installed = ATOMIC_FLAG_INIT;
static const int signals[] = { SIGINT, SIGTERM, SIGHUP };

static void on_signal(int sig) {
    for (int i = 0; i < SLOTS; i++) {
        char *path = atomic_load(&slots[i]);
        if (path) unlink(path);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install(void) {
    if (atomic_flag_test_and_set(&installed)) return;
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        // A signal someone chose to ignore (nohup) stays ignored.
        if (sigaction(signals[i], NULL, &action) == 0 && action.sa_handler == SIG_IGN) continue;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_signal;
        sigfillset(&action.sa_mask);
        sigaction(signals[i], &action, NULL);
    }
}

int secretmap_temporary_register(const char *path) {
    install();
    char *copy = strdup(path);
    if (!copy) return -1;
    for (int i = 0; i < SLOTS; i++) {
        char *expected = NULL;
        if (atomic_compare_exchange_strong(&slots[i], &expected, copy)) return i;
    }
    free(copy);
    return -1;
}

void secretmap_temporary_forget(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    // Not freed: a handler running on another thread may be reading it. A few bytes per file
    // written, once per run.
    (void)atomic_exchange(&slots[slot], NULL);
}
