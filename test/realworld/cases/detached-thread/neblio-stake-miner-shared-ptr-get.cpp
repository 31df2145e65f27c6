// Provenance: NeblioTeam/neblio 39838368f6248a9bb305e6a41d727a0b19cab0d8 (PR #358) - StartNode() gave the detached stake-miner thread pwalletMain.get(), a raw pointer into a shared_ptr that Shutdown() resets while the miner may still run; the fix passes the shared_ptr itself
#include <atomic>
#include <memory>
#include <thread>

struct Wallet {
  bool isLocked() const;
};

std::shared_ptr<Wallet> pwalletMain;
extern std::atomic<bool> fShutdown;

void stakeMiner(Wallet *wallet) {
  while (!fShutdown)
    wallet->isLocked();
}

void startNode() {
  // NewThread() inlined: it started the thread and let it go
  std::thread(stakeMiner, pwalletMain.get()).detach(); // expect: detached-thread
}

void shutdown() {
  fShutdown = true;
  pwalletMain.reset(); // the miner may still be inside stakeMiner()
}

void stakeMinerFixed(std::shared_ptr<Wallet> wallet) {
  while (!fShutdown)
    wallet->isLocked();
}

void startNodeFixed() {
  std::thread(stakeMinerFixed, pwalletMain).detach(); // the thread co-owns the wallet
}
