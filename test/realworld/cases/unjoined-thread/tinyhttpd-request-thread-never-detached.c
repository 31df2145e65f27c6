// Provenance: EZLippi/Tinyhttpd httpd.c (at fbd25cf755075d803cba09201a8f0dd6ac347c27, after 647e8c7bca9d8d68cad32ffa712199a911b0a1ed fixed the &client_sock race of issue #5) - main() starts one pthread per accepted request in an endless loop and overwrites newthread each time without pthread_join or pthread_detach, so every finished request thread stays a zombie while the server runs (found by reading the code, not a reported bug)
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

int startup(unsigned short *port);
void *accept_request(void *client);
void error_die(const char *sc);

int main(void) {
  unsigned short port = 4000;
  int server_sock = startup(&port);
  pthread_t newthread;
  while (1) {
    int client_sock = accept(server_sock, NULL, NULL);
    if (client_sock == -1)
      error_die("accept");
    if (pthread_create(&newthread, NULL, accept_request, (void *)(intptr_t)client_sock) != 0) // expect: unjoined-thread
      perror("pthread_create");
  }
  return 0;
}

void serve_fixed(int server_sock) {
  pthread_t newthread;
  while (1) {
    int client_sock = accept(server_sock, NULL, NULL);
    if (client_sock == -1)
      error_die("accept");
    if (pthread_create(&newthread, NULL, accept_request, (void *)(intptr_t)client_sock) != 0)
      perror("pthread_create");
    else
      pthread_detach(newthread); /* nobody waits for a request thread */
  }
}
