import { serviceSuite } from './service-suite.js';

serviceSuite('service suite file 2', 'pool');
