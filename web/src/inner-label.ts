import type { Directive } from 'vue';

/**
 * Names the form control inside a TDesign component (its Textarea keeps attributes such as aria-label on its outer
 * div, where they name nothing), so that screen readers and axe find the control labelled.
 */
export const vInnerLabel: Directive<HTMLElement, string> = {
  mounted: (element, binding) => element.querySelector('textarea, input')?.setAttribute('aria-label', binding.value),
  updated: (element, binding) => element.querySelector('textarea, input')?.setAttribute('aria-label', binding.value),
};
