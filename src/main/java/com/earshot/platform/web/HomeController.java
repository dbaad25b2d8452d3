package com.earshot.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where a signed-in person lands. */
@Controller
class HomeController {

  @GetMapping("/")
  String home() {
    return "home";
  }
}
