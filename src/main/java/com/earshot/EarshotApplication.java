package com.earshot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EarshotApplication {

  public static void main(String[] args) {
    SpringApplication.run(EarshotApplication.class, args);
  }
}
