import { serviceSuite } from './service-suite.js';

serviceSuite('service suite file 1', 'fixture');
