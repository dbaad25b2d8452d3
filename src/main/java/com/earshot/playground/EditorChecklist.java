package com.earshot.playground;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every render of the editor's page, whichever form sent the admin there, carries the playground's
 * {@link GoLiveChecklist} (its Status section, {@code playground/lifecycle.html}).
 */
@Component
class EditorChecklist implements HandlerInterceptor, WebMvcConfigurer {

  private final PlaygroundLifecycle lifecycle;

  EditorChecklist(PlaygroundLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/manage/playgrounds/**");
  }

  @Override
  public void postHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
    if (view != null
        && EditorPage.VIEW.equals(view.getViewName())
        && view.getModel().get("playground") instanceof Playground playground) {
      view.addObject("checklist", lifecycle.checklist(playground));
    }
  }
}
