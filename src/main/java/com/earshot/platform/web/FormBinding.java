package com.earshot.platform.web;

import java.util.List;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.PropertyValue;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * grow, an index on a field without rows) with an exception, which answered 500. Here each field
 * binds on its own and one that cannot becomes an error at its field, as a value of the wrong type
 * does: a controller that takes the {@link org.springframework.validation.BindingResult} gives the
 * form back with {@link InvalidInputException#throwIfUnbound}.
 */
@Configuration(proxyBeanMethods = false)
class FormBinding {

  /**
   * Rows a form may post: 0 to 999, as Tomcat takes at most 1,000 parameters per request. Below it
   * a form's own rules speak ("At most 50 options"), with what was typed kept.
   */
  static final int MAX_ROWS = 1_000;

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
    }

    @Override
    protected void applyPropertyValues(MutablePropertyValues values) {
      for (PropertyValue value : values.getPropertyValueList()) {
        try {
          super.applyPropertyValues(new MutablePropertyValues(List.of(value)));
        } catch (InvalidPropertyException e) {
          getInternalBindingResult()
              .addError(
                  new FieldError(
                      getObjectName(),
                      value.getName(),
                      value.getValue(),
                      true,
                      null,
                      null,
                      e.getMessage()));
        }
      }
    }
  }
}
