package com.earshot.identity.signin;

import com.earshot.identity.Emails;
import com.earshot.platform.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sign-in pages: ask for an email, "check your inbox", and confirm a link before using it. */
@Controller
class SignInController {

  /** Where the sign-in filter forwards a link tried too often from one address. */
  static final String REDEMPTION_LIMITED = "/login/ott/limited";

  private final SignInService signIn;
  private final ObjectProvider<ClientRegistrationRepository> oidcClients;
  private final RequestCache pageBeforeSignIn;

  SignInController(
      SignInService signIn,
      ObjectProvider<ClientRegistrationRepository> oidcClients,
      RequestCache pageBeforeSignIn) {
    this.signIn = signIn;
    this.oidcClients = oidcClients;
    this.pageBeforeSignIn = pageBeforeSignIn;
  }

  /**
   * The sign-in form, carrying where to land afterwards: {@code next} if it is a {@link
   * ReturnPath}, else the page a signed-out visitor asked for (kept by Spring Security's request
   * cache), so that the emailed link lands there even when it is opened in another browser.
   */
  @GetMapping("/login")
  String loginPage(
      @RequestParam(required = false) String next,
      Authentication authentication,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Optional<String> returnPath =
        ReturnPath.of(next)
            .or(
                () ->
                    Optional.ofNullable(pageBeforeSignIn.getRequest(request, response))
                        .flatMap(saved -> ReturnPath.ofUrl(saved.getRedirectUrl())));
    if (authentication != null
        && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken)) {
      return "redirect:" + returnPath.orElse("/");
    }
    model.addAttribute("next", returnPath.orElse(null));
    model.addAttribute("providers", oidcProviders());
    return "identity/login";
  }

  @PostMapping("/login")
  String requestLink(
      @RequestParam(defaultValue = "") String email,
      @RequestParam(required = false) String next,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    String returnPath = ReturnPath.of(next).orElse(null);
    model.addAttribute("next", returnPath);
    LinkRequest outcome;
    try {
      outcome = signIn.requestLink(email, ClientAddress.of(request), returnPath);
    } catch (MailException e) {
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return form(
          model, email, "We could not send the email just now. Please try again in a minute.");
    }
    if (outcome instanceof LinkRequest.Sent sent) {
      redirect.addFlashAttribute("email", sent.email());
      return "redirect:/login/sent";
    }
    if (outcome instanceof LinkRequest.DomainRefused refused) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      return form(
          model,
          email,
          "Sign-in here is limited to addresses at "
              + String.join(", ", refused.allowedDomains().stream().sorted().toList())
              + ". No email was sent.");
    }
    if (outcome instanceof LinkRequest.Limited limited) {
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(limited.retryAfterMinutes() * 60));
      return form(
          model,
          email,
          "Too many sign-in links were asked for. Please wait "
              + limited.retryAfterMinutes()
              + " minutes, then try again; a link you already received still works.");
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return form(
        model,
        email,
        "Enter your email address, like name@example.com (at most "
            + Emails.MAX_LENGTH
            + " characters).");
  }

  private String form(Model model, String email, String error) {
    model.addAttribute("email", email.length() > 1000 ? email.substring(0, 1000) : email);
    model.addAttribute("error", error);
    model.addAttribute("providers", oidcProviders());
    return "identity/login";
  }

  @GetMapping("/login/sent")
  String sent(Model model) {
    if (!model.containsAttribute("email")) {
      return "redirect:/login";
    }
    return "identity/login-sent";
  }

  /** The emailed link lands here; only the button's POST uses the token up. */
  @GetMapping("/login/ott")
  String confirm(
      @RequestParam(required = false) String token,
      @RequestParam(required = false) String next,
      Model model,
      HttpServletResponse response) {
    model.addAttribute("next", ReturnPath.of(next).orElse(null));
    if (token == null || token.isBlank() || token.length() > 100) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute(
          "error",
          "This sign-in link is incomplete. Copy the whole link from the email, or ask for a new one.");
      model.addAttribute("providers", oidcProviders());
      return "identity/login";
    }
    model.addAttribute("token", token);
    return "identity/login-confirm";
  }

  /**
   * The sign-in page for a redemption the limit per address refused: forwarded here (still a POST)
   * by the sign-in filter, which set the status (429) and Retry-After.
   */
  @PostMapping(REDEMPTION_LIMITED)
  String redemptionLimited(HttpServletRequest request, Model model) {
    if (!(request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
        instanceof RedemptionLimitedException limited)) {
      return "redirect:/login";
    }
    return form(
        model,
        "",
        "Too many sign-in links were tried from your network. Please wait "
            + limited.retryAfterMinutes()
            + " minutes, then open your link again, or ask for a new one if it has expired.");
  }

  private List<ClientRegistration> oidcProviders() {
    List<ClientRegistration> providers = new ArrayList<>();
    if (oidcClients.getIfAvailable() instanceof Iterable<?> registrations) {
      registrations.forEach(registration -> providers.add((ClientRegistration) registration));
    }
    return providers;
  }
}
