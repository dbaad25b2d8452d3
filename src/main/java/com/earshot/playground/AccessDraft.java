package com.earshot.playground;

/** Who may take part, as pasted: emails and @domains. */
class AccessDraft {

  @ValidAccessList private String access = "";

  static AccessDraft of(Playground playground) {
    AccessDraft draft = new AccessDraft();
    draft.setAccess(playground.accessText());
    return draft;
  }

  public String getAccess() {
    return access;
  }

  public void setAccess(String access) {
    this.access = access;
  }

  /** The list as stored: empty for every signed-in user. */
  java.util.List<String> entries() {
    return AccessList.parse(access);
  }
}
