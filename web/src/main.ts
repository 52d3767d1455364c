// The web app: a Razor page of the host (header, sign-in, language) holds an element with data-vue-page, and the
// page component of that name is fetched and mounted there with TDesign in the page's language.
import { createApp, h, type Component } from 'vue';
import { ConfigProvider, type GlobalConfigProvider } from 'tdesign-vue-next';
import enConfig from 'tdesign-vue-next/es/locale/en_US';
import zhConfig from 'tdesign-vue-next/es/locale/zh_CN';
import 'tdesign-vue-next/es/style/index.css';
import './app.css';
import { i18n, locale } from './i18n';

const pages: Record<string, () => Promise<{ default: Component }>> = {
  'lesson-editor': () => import('./pages/LessonEditor.vue'),
  upload: () => import('./pages/Upload.vue'),
  'people-admin': () => import('./pages/PeopleAdmin.vue'),
  'campaign-wizard': () => import('./pages/CampaignWizard.vue'),
  'review-desk': () => import('./pages/ReviewDesk.vue'),
  home: () => import('./pages/Home.vue'),
  'assign-lesson': () => import('./pages/AssignLesson.vue'),
  'review-admin': () => import('./pages/ReviewAdmin.vue'),
  'schedule-class': () => import('./pages/ScheduleClass.vue'),
  'my-entries': () => import('./pages/MyEntries.vue'),
  'my-lessons': () => import('./pages/MyLessons.vue'),
  lesson: () => import('./pages/LessonPage.vue'),
  catalog: () => import('./pages/CatalogSearch.vue'),
  'catalog-browse': () => import('./pages/CatalogBrowse.vue'),
  'catalog-favourites': () => import('./pages/CatalogFavourites.vue'),
  'lesson-analytics': () => import('./pages/LessonAnalytics.vue'),
  'live-room': () => import('./pages/LiveRoom.vue'),
};

for (const element of document.querySelectorAll<HTMLElement>('[data-vue-page]:not([data-v-app])')) {
  const load = pages[element.dataset.vuePage!];
  if (!load) throw new Error(`No page component named ${element.dataset.vuePage}.`);
  const props = { ...element.dataset };
  delete props.vuePage;
  load().then(({ default: page }) => {
    const globalConfig = (locale === 'en' ? enConfig : zhConfig) as unknown as GlobalConfigProvider;
    createApp({ render: () => h(ConfigProvider, { globalConfig }, () => h(page, props)) })
      .use(i18n)
      .mount(element);
  });
}
