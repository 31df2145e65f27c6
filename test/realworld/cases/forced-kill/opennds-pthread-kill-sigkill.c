// Provenance: openNDS/openNDS 9b18bf8a55761e37af3546b62d218a377160ae1d (issue #216) - termination_handler() sent pthread_kill(tid_client_check, SIGKILL) to the client-check thread; SIGKILL's action is process-wide, so it killed the whole daemon ("Killed") before the handler finished its cleanup. The call was removed
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>

void check_clients_once(void); /* waits on a timed condition, then checks clients */
void flush_firewall_rules(void);

static pthread_t tid_client_check;

static void *thread_client_timeout_check(void *arg) {
  (void)arg;
  while (1)
    check_clients_once();
  return NULL;
}

void start_client_check(void) {
  pthread_create(&tid_client_check, NULL, thread_client_timeout_check, NULL);
  pthread_detach(tid_client_check);
}

void termination_handler(int s) {
  (void)s;
  pthread_kill(tid_client_check, SIGKILL); // expect: forced-kill
  flush_firewall_rules();
  exit(0);
}

/* The fix: no kill; the detached thread ends with the process at exit(). */
void termination_handler_fixed(int s) {
  (void)s;
  flush_firewall_rules();
  exit(0);
}
