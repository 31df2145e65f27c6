// threadlife/detail/callback_list.hpp - the intrusive list of registered stop callbacks.
//
// Each stop_callback is its own list node, so registering allocates nothing. The list is
// doubly linked through a pointer to the link that points at the node, which makes
// removal O(1) without a special case for the head, and gives a free "is it still
// listed?" test: that pointer is null once the node has been taken off.
//
// The list itself is not thread-safe; the stop state guards it with its lock bit.
#ifndef THREADLIFE_DETAIL_CALLBACK_LIST_HPP
#define THREADLIFE_DETAIL_CALLBACK_LIST_HPP

#include <threadlife/detail/completion_flag.hpp>

namespace threadlife::detail {

class stop_callback_node {
 public:
  using invoke_fn = void (*)(stop_callback_node*) noexcept;

  explicit stop_callback_node(invoke_fn invoke) noexcept : invoke_(invoke) {}
  stop_callback_node(const stop_callback_node&) = delete;
  stop_callback_node& operator=(const stop_callback_node&) = delete;

  void invoke() noexcept { invoke_(this); }
  bool listed() const noexcept { return prev_ != nullptr; }

 private:
  friend class callback_list;
  friend class stop_state;

  invoke_fn invoke_;
  stop_callback_node* next_ = nullptr;
  stop_callback_node** prev_ = nullptr;
  // While the callback runs: points at a flag in request_stop()'s frame that the callback's
  // own destructor sets, so the requester knows not to touch the node afterwards.
  bool* destroyed_ = nullptr;
  // Set under the stop state's lock by a destructor about to block on done_, so that the
  // requester knows a wake is needed.
  bool waited_on_ = false;
  completion_flag done_;
};

class callback_list {
 public:
  bool empty() const noexcept { return head_ == nullptr; }

  void push_front(stop_callback_node* node) noexcept {
    node->next_ = head_;
    node->prev_ = &head_;
    if (head_ != nullptr) head_->prev_ = &node->next_;
    head_ = node;
  }

  // Returns null when the list is empty. The node comes back unlisted.
  stop_callback_node* pop_front() noexcept {
    stop_callback_node* node = head_;
    if (node != nullptr) remove(node);
    return node;
  }

  // Precondition: node is in this list.
  void remove(stop_callback_node* node) noexcept {
    *node->prev_ = node->next_;
    if (node->next_ != nullptr) node->next_->prev_ = node->prev_;
    node->next_ = nullptr;
    node->prev_ = nullptr;
  }

 private:
  stop_callback_node* head_ = nullptr;
};

}  // namespace threadlife::detail

#endif
