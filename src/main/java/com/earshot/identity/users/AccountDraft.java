package com.earshot.identity.users;

import com.earshot.platform.web.StrippedLength;

/** The account form: the name its owner gives themselves, as typed. */
class AccountDraft {

  @StrippedLength(max = 255, message = "A name can be at most {max} characters.")
  private String fullName = "";

  static AccountDraft of(UserAccount account) {
    AccountDraft draft = new AccountDraft();
    draft.setFullName(account.fullName() == null ? "" : account.fullName());
    return draft;
  }

  public String getFullName() {
    return fullName;
  }

  public void setFullName(String fullName) {
    this.fullName = fullName;
  }
}
