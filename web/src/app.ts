// The entry the host's pages load (see vite.config.ts for why it holds nothing but this).
import('./main');
