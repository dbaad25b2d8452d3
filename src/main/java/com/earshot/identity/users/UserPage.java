package com.earshot.identity.users;

import java.util.List;

/** One page of a user search. {@code page} is 1-based and already clamped to what exists. */
record UserPage(List<UserAccount> users, String query, int page, int totalPages, long total) {}
