// Provenance: wolfSSL/wolfssl-examples 5b00968010e6626e47967fbbd48978037c5c17f4 (PR #582) - server-psk-threaded.c handed each detached connection thread &connfd, the address of the one stack variable that the next accept() overwrites (and that dies when the loop returns on an error)
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static void *ssl_thread(void *fd) {
  int connfd = *(int *)fd;
  /* ... TLS handshake, read, reply ... */
  close(connfd);
  return NULL;
}

int accept_loop(int listenfd) {
  pthread_t thread;
  int connfd;
  for (;;) {
    connfd = accept(listenfd, NULL, NULL);
    if (connfd < 0)
      return 1;
    if (pthread_create(&thread, NULL, &ssl_thread, (void *)&connfd) != 0)
      return 1;
    if (pthread_detach(thread) != 0) // expect: detached-thread
      return 1;
  }
}

static void *ssl_thread_fixed(void *fd) {
  int connfd = *(int *)fd;
  free(fd); /* the thread owns its copy */
  /* ... TLS handshake, read, reply ... */
  close(connfd);
  return NULL;
}

int accept_loop_fixed(int listenfd) {
  pthread_t thread;
  for (;;) {
    int connfd = accept(listenfd, NULL, NULL);
    if (connfd < 0)
      return 1;
    int *connfd_ptr = malloc(sizeof(int));
    if (connfd_ptr == NULL) {
      close(connfd);
      return 1;
    }
    *connfd_ptr = connfd;
    if (pthread_create(&thread, NULL, &ssl_thread_fixed, connfd_ptr) != 0) {
      close(connfd);
      free(connfd_ptr);
      return 1;
    }
    if (pthread_detach(thread) != 0)
      return 1;
  }
}
