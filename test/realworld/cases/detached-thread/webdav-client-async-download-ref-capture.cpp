// Provenance: CloudPolis/webdav-client-cpp 3af8c9c7cec55be201c93f6bd4720818db6e7f50 (issue #45) - Client::async_download() detached a thread whose [&] lambda referred to the function's by-value parameters (callback, progress) and arguments, all gone once async_download returned; the fix's [=] copies them but still captures 'this'
#include <functional>
#include <string>
#include <thread>

using callback_t = std::function<void(bool)>;
using progress_t = std::function<int(long, long)>;

class Client {
public:
  void async_download(const std::string &remote_file, const std::string &local_file,
                      callback_t callback, progress_t progress) const noexcept {
    std::thread downloading([&]() { this->sync_download(remote_file, local_file, callback, std::move(progress)); });
    downloading.detach(); // expect: detached-thread
  }
  // The project's fix: every argument is copied, but [=] still captures this.
  void async_upload(const std::string &remote_file, const std::string &local_file,
                    callback_t callback, progress_t progress) const noexcept {
    std::thread uploading([=]() { this->sync_upload(remote_file, local_file, callback, progress); });
    uploading.detach(); // expect: detached-thread
  }
  bool sync_download(const std::string &remote, const std::string &local, callback_t cb, progress_t p) const;
  bool sync_upload(const std::string &remote, const std::string &local, callback_t cb, progress_t p) const;

private:
  std::string host_;
};

class ClientFixed {
public:
  void async_download(const std::string &remote_file, const std::string &local_file,
                      callback_t callback, progress_t progress) const noexcept {
    std::thread downloading([client = *this, remote_file, local_file, callback, progress]() {
      client.sync_download(remote_file, local_file, callback, progress);
    });
    downloading.detach();
  }
  bool sync_download(const std::string &remote, const std::string &local, callback_t cb, progress_t p) const;

private:
  std::string host_;
};
