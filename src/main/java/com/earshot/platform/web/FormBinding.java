package com.earshot.platform.web;

import java.util.List;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.PropertyValue;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.InitBinderDataBinderFactory;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.ExtendedServletRequestDataBinder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;

/**
 * How posted fields bind to a form's draft, for every controller. Row indexes ({@code
 * options[3].label}) come from the browser, so anything can arrive there; Spring's binder stops at
 * the first field it cannot bind (an index that is negative, not a number or beyond the rows it may
 * grow, an index on a field without rows) with an exception, which would answer 500, and no binder
 * setting turns that exception into an error (ignoring such fields would store a form with a row
 * silently dropped). Here each field binds on its own, and one that cannot is an error at the form
 * field its path starts with ({@code options[5000].label}: {@code options}), as a value of the
 * wrong type is one at its own field: both with a sentence the person can act on, for the form to
 * come back with everything else typed kept. A draft whose fields did not all bind is not
 * validated: the person first has to send the form again.
 */
@Configuration(proxyBeanMethods = false)
class FormBinding {

  /**
   * Rows a form may post: 0 to 999, as Tomcat takes at most 1,000 parameters per request. Below it
   * a form's own rules speak ("At most 50 options"), with what was typed kept.
   */
  static final int MAX_ROWS = 1_000;

  static final String NO_SUCH_ROWS =
      "Some of this came in rows the form does not have: reload the page and enter it again.";
  static final String NOT_OFFERED =
      "This is not a value the form offers: reload the page and try again.";

  /**
   * Where the sentences of form errors come from: the rules write them, in English (constraint
   * messages, validators), and no bundle translates them. Without a message source of its own the
   * context would pass each one that came with arguments (any Bean Validation message) through
   * {@link java.text.MessageFormat}, which eats apostrophes and reads braces, also in what was
   * typed and is quoted back.
   */
  @Bean
  MessageSource messageSource() {
    return new StaticMessageSource();
  }

  @Bean
  WebMvcRegistrations fieldByFieldBinding() {
    return new WebMvcRegistrations() {
      @Override
      public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
        return new FieldByFieldAdapter();
      }
    };
  }

  /** Spring MVC's handler adapter, with {@link FieldByFieldBinder} for every form. */
  static final class FieldByFieldAdapter extends RequestMappingHandlerAdapter {

    @Override
    protected InitBinderDataBinderFactory createDataBinderFactory(
        List<InvocableHandlerMethod> binderMethods) {
      return new ServletRequestDataBinderFactory(binderMethods, getWebBindingInitializer()) {
        @Override
        protected ServletRequestDataBinder createBinderInstance(
            Object target, String objectName, NativeWebRequest request) {
          return new FieldByFieldBinder(target, objectName);
        }
      };
    }
  }

  /** Binds each posted field on its own; one that cannot be bound is an error at its field. */
  static final class FieldByFieldBinder extends ExtendedServletRequestDataBinder {

    FieldByFieldBinder(Object target, String objectName) {
      super(target, objectName);
      setAutoGrowCollectionLimit(MAX_ROWS);
      setBindingErrorProcessor(
          new DefaultBindingErrorProcessor() {
            @Override
            public void processPropertyAccessException(
                PropertyAccessException e, BindingResult binding) {
              reject(binding, e.getPropertyName(), e.getValue(), e.getErrorCode(), NOT_OFFERED);
            }
          });
    }

    @Override
    protected void applyPropertyValues(MutablePropertyValues values) {
      for (PropertyValue value : values.getPropertyValueList()) {
        try {
          super.applyPropertyValues(new MutablePropertyValues(List.of(value)));
        } catch (InvalidPropertyException e) {
          String field = value.getName().split("[\\[.]", 2)[0];
          reject(
              getInternalBindingResult(),
              field,
              value.getValue(),
              "unbound",
              value.getName().contains("[") ? NO_SUCH_ROWS : NOT_OFFERED);
        }
      }
    }

    @Override
    public void validate() {
      if (!getBindingResult().hasErrors()) {
        super.validate();
      }
    }

    @Override
    public void validate(Object... hints) {
      if (!getBindingResult().hasErrors()) {
        super.validate(hints);
      }
    }

    /** One message per field: a hundred bad rows need saying once. */
    private static void reject(
        BindingResult binding, String field, Object value, String code, String message) {
      if (!binding.hasFieldErrors(field)) {
        binding.addError(
            new FieldError(
                binding.getObjectName(),
                field,
                value,
                true,
                binding.resolveMessageCodes(code, field),
                null,
                message));
      }
    }
  }
}
