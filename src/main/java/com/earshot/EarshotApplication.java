package com.earshot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EarshotApplication {

  public static void main(String[] args) {
    SpringApplication.run(EarshotApplication.class, args);
  }
}
