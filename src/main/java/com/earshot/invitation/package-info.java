/**
 * Reaching testers (issue 15 §2): a playground's tester link, email invitations to its access list
 * or to typed-in addresses (limited, audited, never re-sent within a window), reminders for those
 * who have not finished, and each invitee's progress (invited, started, finished), read from their
 * sessions.
 */
@ApplicationModule(allowedDependencies = {"audit", "identity", "platform", "playground"})
package com.earshot.invitation;

import org.springframework.modulith.ApplicationModule;
