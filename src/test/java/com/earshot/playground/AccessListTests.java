package com.earshot.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessListTests {

  @Test
  void shouldReadPastedListsFoldingCaseAndDuplicates() {
    assertThat(AccessList.parse("Ann@Acme.com, bob@acme.com\n@Partner.ORG  ann@acme.com;carl@x.io"))
        .containsExactly("ann@acme.com", "bob@acme.com", "@partner.org", "carl@x.io");
  }

  @Test
  void shouldTreatAnEmptyListAsPublic() {
    assertThat(AccessList.parse(" \n ,, ")).isEmpty();
    assertThat(AccessList.parse(null)).isEmpty();
  }

  @Test
  void shouldNameEveryInvalidEntry() {
    assertThatThrownBy(() -> AccessList.parse("ann@acme.com, not-an-email, @, @bad_domain, bob@"))
        .isInstanceOf(InvalidAccessListException.class)
        .hasMessage(
            "These entries are neither an email address nor an @domain: not-an-email, @,"
                + " @bad_domain, bob@.");
  }
}
