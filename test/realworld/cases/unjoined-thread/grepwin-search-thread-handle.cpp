// Provenance: stefankueng/grepWin 163f23cef1df245edba4d0bc0358c15d176eca4b (issue #62) - every search stored CreateThread()'s handle in m_hSearchThread, overwriting the previous one, and nothing ever closed it: one leaked thread object per search
#include <windows.h>

class SearchDlg {
public:
  void startSearch() {
    DWORD threadId = 0;
    searchThread_ = CreateThread(nullptr, 0, searchEntry, this, 0, &threadId); // expect: unjoined-thread
  }

private:
  static DWORD searchEntry(void *self) {
    static_cast<SearchDlg *>(self)->search();
    return 0;
  }
  void search() {}
  HANDLE searchThread_ = nullptr;
};

class SearchDlgFixed {
public:
  ~SearchDlgFixed() { finishSearch(); }
  void startSearch() {
    finishSearch();
    DWORD threadId = 0;
    searchThread_ = CreateThread(nullptr, 0, searchEntry, this, 0, &threadId);
  }

private:
  void finishSearch() {
    if (searchThread_ != nullptr) {
      WaitForSingleObject(searchThread_, INFINITE);
      CloseHandle(searchThread_);
      searchThread_ = nullptr;
    }
  }
  static DWORD searchEntry(void *self) {
    static_cast<SearchDlgFixed *>(self)->search();
    return 0;
  }
  void search() {}
  HANDLE searchThread_ = nullptr;
};
