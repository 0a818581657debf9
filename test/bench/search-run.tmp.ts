import { benchSearch } from './search.js';
console.log(await benchSearch());
