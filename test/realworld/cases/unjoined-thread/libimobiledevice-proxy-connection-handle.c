// Provenance: libimobiledevice/libimobiledevice f3c4db4f30731f6cfc2c37a39d5ce3501d42f45e (issue #147) - idevicedebugserverproxy started one CreateThread() per client connection in its accept loop and never closed the returned HANDLE, leaking a thread handle per connection on WIN32
#include <stddef.h>
#include <windows.h>

typedef struct {
  int server_fd;
  int client_fd;
} socket_info_t;

int socket_accept(int server_fd);
extern volatile int quit_flag;

static DWORD connection_handler(void *data) {
  (void)data;
  return 0;
}

void proxy_loop(socket_info_t *info) {
  while (!quit_flag) {
    info->client_fd = socket_accept(info->server_fd);
    if (info->client_fd < 0)
      continue;
    HANDLE th = CreateThread(NULL, 0, connection_handler, info, 0, NULL); // expect: unjoined-thread
    if (th == NULL)
      break;
  }
}

void proxy_loop_fixed(socket_info_t *info) {
  while (!quit_flag) {
    info->client_fd = socket_accept(info->server_fd);
    if (info->client_fd < 0)
      continue;
    HANDLE th = CreateThread(NULL, 0, connection_handler, info, 0, NULL);
    if (th == NULL)
      break;
    /* the handler runs on by itself: we do not need the handle anymore */
    CloseHandle(th);
  }
}
